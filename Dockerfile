# Guichet for a production-like setup (see docker-compose.yml). Built from source with the Maven wrapper,
# run on a JRE as a non-root user, from /app so that routes/*.camel.yaml and ./config/application.yml resolve.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# dependencies in their own layer: a code change does not download them again
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package \
	&& java -Djarmode=tools -jar target/guichet.jar extract --destination /build/extracted

FROM eclipse-temurin:17-jre
# curl for the health check only: recent Temurin images no longer ship it
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
	&& groupadd --system guichet && useradd --system --gid guichet --home-dir /app guichet
WORKDIR /app
# The jar extracted (guichet.jar, whose manifest names lib/*.jar): the JVM loads classes from plain jars instead of
# jars nested in one, which took start-up to first poll from 20 s to 12 s on two cores (README, "Performance").
# lib/ first, in a layer of its own: a change of Guichet's code alone does not copy the dependencies again
COPY --from=build /build/extracted/lib/ lib/
COPY --from=build /build/extracted/guichet.jar guichet.jar
COPY routes/ routes/
COPY config/ config/
RUN mkdir /app/cds && chown guichet:guichet /app/cds
USER guichet
# Class data sharing: a training run starts Guichet on its embedded defaults until its context is ready and archives
# the classes it loaded; every start then maps them instead of loading them from the jars (start-up to first poll
# 13.7-14.8 s -> 9.9-10.8 s on two cores, README "Performance"). Here, with the image's own JRE and paths, as CDS
# requires; without the archive, or with another one, the JVM warns and starts as before. The run ends with a halt
# that closes nothing: its embedded PostgreSQL is stopped by the pid in its data directory.
RUN java -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2 -XX:ArchiveClassesAtExit=/app/cds/guichet.jsa \
	-Dspring.context.exit=onRefresh -jar /app/guichet.jar --guichet.embedded.data-dir=/tmp/cds-training \
	--server.port=0 --guichet.embedded.smtp-port=0 --guichet.embedded.imap-port=0 > /tmp/cds-training.log 2>&1 \
	|| { tail -50 /tmp/cds-training.log; echo "No class data archive: Guichet starts without it"; \
	rm -f /app/cds/guichet.jsa; }; \
	if [ -f /tmp/cds-training/postgres/postmaster.pid ]; then kill "$(head -1 /tmp/cds-training/postgres/postmaster.pid)"; fi; \
	rm -rf /tmp/cds-training /tmp/cds-training.log
# On a small machine (two cores), the C1 compiler alone: in the ingestion benchmark C2 spent 12 CPU-seconds compiling
# during a 27 s burst, and Guichet went from 150 to 207 msgs/s without it. And compiled after a fifth of the usual
# calls: a burst that meets a fresh JVM runs less of it interpreted (Guichet's CPU in the N=1000 burst 31-33 -> 28 s).
# README, "Performance". On four cores or more, override with
# JDK_JAVA_OPTIONS="-XX:SharedArchiveFile=/app/cds/guichet.jsa" to get C2's faster code and keep the archive.
ENV JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2 -XX:SharedArchiveFile=/app/cds/guichet.jsa"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
	CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/guichet.jar"]
