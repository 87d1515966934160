package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.plan.Precision;
import org.junit.jupiter.api.Test;

/** The options' defaults, and that each {@code with…} changes only its own field. */
class OpenClOptionsTest {
  @Test
  void l2PrefetchIsOnByDefaultAndSwitchesAloneOff() {
    OpenClOptions defaults = OpenClOptions.defaults().withPrecision(Precision.FP16);
    assertTrue(defaults.l2Prefetch());
    OpenClOptions off = defaults.withL2Prefetch(false);
    assertFalse(off.l2Prefetch());
    assertEquals(defaults, off.withL2Prefetch(true));
    assertEquals(Precision.FP16, off.precision());
    assertFalse(off.withProfiling(true).withDeviceSpans(true).withAutotune(true).l2Prefetch());
  }
}
