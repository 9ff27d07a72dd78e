package guichet.deadline;
import java.time.*;
import guichet.language.Language;
@org.springframework.stereotype.Component
public class DeadlinePolicy { private final CallProperties call; public DeadlinePolicy(CallProperties call) { this.call = call; }
 public Instant deadlineFor(Language l) { LocalDate d = l == Language.FR ? call.deadlines().fr() : l == Language.EN ? call.deadlines().en() : (call.deadlines().fr().isAfter(call.deadlines().en()) ? call.deadlines().fr() : call.deadlines().en()); return d.plusDays(1).atStartOfDay(call.timezone()).toInstant().minusSeconds(1); }
 public DeadlineStatus statusOf(Instant r, Language l) { return r.isAfter(deadlineFor(l).plusMillis(999)) ? DeadlineStatus.LATE : DeadlineStatus.ON_TIME; } }
