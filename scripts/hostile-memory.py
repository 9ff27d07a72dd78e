#!/usr/bin/env python3
"""Feeds the hostile corpus to the packaged Guichet running with -Xmx512m and prints peak heap and RSS (issue #6).

Usage: ./mvnw -B -q -DskipTests package && ./mvnw -B -q test -Dtest=HostileInputTests   (the second makes target/hostile/*)
       scripts/hostile-memory.py
Starts target/guichet.jar with its embedded PostgreSQL (data in target/memory-bench/) and embedded mail server on free
ports, sends every file of ../shared/corpus/mail as is and every document (and the decompression bombs of
target/hostile/, and a 30 MB attachment) attached to an ordinary application, waits until every message is settled,
and samples the JVM's heap (jstat) and the process's RSS (/proc) every 200 ms.
"""
import base64, json, os, shutil, signal, smtplib, socket, subprocess, sys, threading, time, urllib.request
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    smtp, imap, http = free_port(), free_port(), free_port()
    data = ROOT / "target" / "memory-bench"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    log = open(data / "guichet.log", "w")
    java = subprocess.Popen(["java", "-Xmx512m", "-jar", os.environ.get("GUICHET_JAR", "target/guichet.jar"), f"--server.port={http}",
                             f"--guichet.embedded.data-dir={data / 'pg'}", f"--guichet.embedded.smtp-port={smtp}",
                             f"--guichet.embedded.imap-port={imap}", "--guichet.embedded.poll-interval=1s",
                             "--guichet.security.users[0].username=admin",
                             "--guichet.security.users[0].password={noop}bench",
                             "--guichet.security.users[0].role=ADMIN", "--guichet.outbox.sending=false"],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    peaks = {"heap": 0, "rss": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            try:
                out = subprocess.run(["jstat", "-gc", str(java.pid)], capture_output=True, text=True).stdout.split("\n")
                names, values = out[0].split(), out[1].split()
                gc = dict(zip(names, values))
                used = sum(float(gc[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024
                peaks["heap"] = max(peaks["heap"], used)
                for line in open(f"/proc/{java.pid}/status"):
                    if line.startswith("VmHWM"):
                        peaks["rss"] = max(peaks["rss"], int(line.split()[1]) / 1024)
            except Exception:
                pass
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    try:
        wait_until(lambda: api(http, "/actuator/health") is not None, 180)
        sent = 0
        committee = ["applications@committee.example"]
        for file in sorted((CORPUS / "mail").iterdir()):
            sent += send(smtp, committee, file.read_bytes())
        attachments = [(f.name, f.read_bytes()) for f in sorted((CORPUS / "documents").iterdir())]
        attachments += [(f.name, f.read_bytes()) for f in sorted((ROOT / "target" / "hostile").glob("bomb*"))]
        attachments.append(("big.pdf", os.urandom(30 * 1024 * 1024)))
        for i, (name, content) in enumerate(attachments):
            message = EmailMessage()
            message["From"] = f"applicant{i}@example.org"
            message["To"] = ", ".join(committee)
            message["Subject"] = f"Candidature {name}"
            message.set_content("Bonjour, voici notre note descriptive.")
            message.add_attachment(content, maintype="application", subtype="octet-stream", filename=name)
            sent += send(smtp, committee, message.as_bytes())
        started = time.time()
        settled = lambda: sum(len(api(http, f"/api/messages?state={s}") or []) for s in ("FILED", "IGNORED", "QUARANTINED"))
        wait_until(lambda: settled() >= sent, 600)
        states = {s: len(api(http, f"/api/messages?state={s}") or []) for s in ("FILED", "IGNORED", "QUARANTINED", "PENDING")}
        print(f"sent {sent} messages; settled in {time.time() - started:.0f}s: {states}")
        print(f"peak heap used: {peaks['heap']:.0f} MB of -Xmx512m; peak RSS (VmHWM): {peaks['rss']:.0f} MB;"
              f" process alive: {java.poll() is None}")
        oom = "OutOfMemoryError" in (data / "guichet.log").read_text(errors="replace")
        print(f"OutOfMemoryError in the log: {oom}")
    finally:
        stop.set()
        java.send_signal(signal.SIGTERM)
        java.wait(30)


def send(port, recipients, raw):
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            smtp.sendmail("sender@example.org", recipients, raw)
        return 1
    except Exception as ex:
        print(f"  not accepted by the embedded SMTP server: {ex}", file=sys.stderr)
        return 0


def api(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    request.add_header("Authorization", "Basic " + base64.b64encode(b"admin:bench").decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as ex:
        return json.loads(ex.read() or b"null") if ex.code == 503 else None
    except Exception:
        return None


def wait_until(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(1)
    raise SystemExit("timed out")


if __name__ == "__main__":
    main()
