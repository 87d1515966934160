package io.jlite.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.Precision;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  @Test
  void eachWitherChangesExactlyTheFieldItNames() throws ReflectiveOperationException {
    OpenClOptions d = OpenClOptions.defaults();
    Map<String, OpenClOptions> changed = new LinkedHashMap<>();
    changed.put("device", d.withDevice("1"));
    changed.put("precision", d.withPrecision(Precision.FP16));
    changed.put("programCache", d.withoutProgramCache());
    changed.put("fallbackToCpu", d.withFallbackToCpu(true));
    changed.put("memory", d.withMemory(MemoryStrategy.all().get(0)));
    changed.put("autotune", d.withAutotune(true));
    changed.put("profiling", d.withProfiling(true));
    changed.put("deviceSpans", d.withDeviceSpans(true));
    changed.put("l2Prefetch", d.withL2Prefetch(false));
    changed.put("packedConstants", d.withPackedConstants(false));
    changed.put("fusedMultiplyAdd", d.withFusedMultiplyAdd(false));
    changed.put("halfWeights", d.withHalfWeights(true));
    changed.put("launchBatch", d.withLaunchBatch(8));
    for (Map.Entry<String, OpenClOptions> e : changed.entrySet()) {
      List<String> differ = new ArrayList<>();
      for (RecordComponent c : OpenClOptions.class.getRecordComponents()) {
        if (!Objects.equals(c.getAccessor().invoke(d), c.getAccessor().invoke(e.getValue()))) {
          differ.add(c.getName());
        }
      }
      assertEquals(List.of(e.getKey()), differ, "the wither for " + e.getKey());
    }
  }

  /** Whether {@link OpenClOptions#defaults()} stores exact weights in 16 bits. */
  private static final boolean HALF_DEFAULT = false;

  @Test
  void withersChainAndUndo() {
    OpenClOptions d = OpenClOptions.defaults();
    Path cache = Path.of("/tmp/jlite-options-test");
    MemoryStrategy naive = MemoryStrategy.all().get(0);
    // Each expected value spelled out with the canonical constructor, field by field.
    assertEquals(
        new OpenClOptions(
            Optional.of("1"),
            Precision.FP32,
            d.programCache(),
            false,
            d.memory(),
            false,
            false,
            false,
            true,
            true,
            true,
            HALF_DEFAULT,
            0),
        d.withDevice("1"));
    assertEquals(Precision.FP16, d.withPrecision(Precision.FP16).precision());
    assertEquals(d, d.withPrecision(Precision.FP16).withPrecision(Precision.FP32));
    assertEquals(Optional.of(cache), d.withProgramCache(cache).programCache());
    assertEquals(Optional.empty(), d.withoutProgramCache().programCache());
    assertEquals(d, d.withoutProgramCache().withProgramCache(d.programCache().orElseThrow()));
    OpenClOptions allChanged =
        d.withFallbackToCpu(true)
            .withMemory(naive)
            .withAutotune(true)
            .withProfiling(true)
            .withDeviceSpans(true)
            .withL2Prefetch(false)
            .withPackedConstants(false)
            .withFusedMultiplyAdd(false)
            .withHalfWeights(!HALF_DEFAULT)
            .withLaunchBatch(16);
    assertEquals(
        new OpenClOptions(
            Optional.empty(),
            Precision.FP32,
            d.programCache(),
            true,
            naive,
            true,
            true,
            true,
            false,
            false,
            false,
            !HALF_DEFAULT,
            16),
        allChanged);
    assertEquals(
        d,
        allChanged
            .withFallbackToCpu(false)
            .withMemory(d.memory())
            .withAutotune(false)
            .withProfiling(false)
            .withDeviceSpans(false)
            .withL2Prefetch(true)
            .withPackedConstants(true)
            .withFusedMultiplyAdd(true)
            .withHalfWeights(HALF_DEFAULT)
            .withLaunchBatch(0));
    assertThrows(IllegalArgumentException.class, () -> d.withLaunchBatch(-1));
  }
}
