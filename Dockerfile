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
USER guichet
# On a small machine (two cores), the C1 compiler alone: in the ingestion benchmark C2 spent 12 CPU-seconds compiling
# during a 27 s burst, and Guichet went from 150 to 207 msgs/s without it. And compiled after a fifth of the usual
# calls: a burst that meets a fresh JVM runs less of it interpreted (Guichet's CPU in the N=1000 burst 31-33 -> 28 s).
# README, "Performance". On four cores or more, override with JDK_JAVA_OPTIONS="" to get C2's faster code.
ENV JDK_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
	CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/guichet.jar"]
