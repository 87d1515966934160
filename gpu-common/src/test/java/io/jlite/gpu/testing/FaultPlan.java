package io.jlite.gpu.testing;

import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.DriverFaults;
import java.util.EnumMap;
import java.util.Map;

/**
 * Driver faults for tests, armed and disarmed while a delegate lives: "let the next {@code skip}
 * calls of this kind through, then fail {@code times} of them with this code". Counts the calls of
 * each kind it saw, so a test can aim at the last allocation of a preparation.
 */
public final class FaultPlan implements DriverFaults {
  private final Map<DriverCall, Integer> calls = new EnumMap<>(DriverCall.class);
  private DriverCall kind;
  private int code;
  private int skip;
  private int times;
  private int injected;

  /** Fails the next {@code times} calls of {@code kind} after {@code skip} successful ones. */
  public FaultPlan arm(DriverCall kind, int code, int skip, int times) {
    this.kind = kind;
    this.code = code;
    this.skip = skip;
    this.times = times;
    return this;
  }

  /** Fails every call of {@code kind} from now on. */
  public FaultPlan always(DriverCall kind, int code) {
    return arm(kind, code, 0, Integer.MAX_VALUE);
  }

  /** Fails the next call of {@code kind} only. */
  public FaultPlan once(DriverCall kind, int code) {
    return arm(kind, code, 0, 1);
  }

  /** Lets every call through again. */
  public void disarm() {
    times = 0;
  }

  /** The calls of {@code kind} seen so far (failed or not). */
  public int calls(DriverCall kind) {
    return calls.getOrDefault(kind, 0);
  }

  /** The calls failed so far. */
  public int injected() {
    return injected;
  }

  @Override
  public int errorFor(DriverCall call, String what) {
    calls.merge(call, 1, Integer::sum);
    if (call != kind || times == 0) {
      return 0;
    }
    if (skip > 0) {
      skip--;
      return 0;
    }
    times--;
    injected++;
    return code;
  }
}
