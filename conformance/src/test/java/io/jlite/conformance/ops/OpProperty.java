package io.jlite.conformance.ops;

import io.jlite.conformance.CaseRunner;
import io.jlite.conformance.ConformanceBackend;
import io.jlite.conformance.ConformanceCase;
import io.jlite.conformance.gen.OpSpecs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The property every op class inherits: on every backend available here, each generated case of the
 * op gives TFLite's outputs within the op's tolerance. Tries come from {@code jqwik.tries.default}
 * (200 in {@code junit-platform.properties}; more with {@code -Djqwik.tries.default=N}). Failures
 * found become {@code @Example}s in the op's class.
 */
abstract class OpProperty {
  /** The op under test, as JLite's registry names it. */
  abstract String opName();

  @Property
  void matchesTfLite(@ForAll("cases") ConformanceCase c, @ForAll("backends") ConformanceBackend b) {
    CaseRunner.assertMatches(c, b);
  }

  @Provide
  Arbitrary<ConformanceCase> cases() {
    return OpSpecs.get(opName()).cases();
  }

  @Provide
  Arbitrary<ConformanceBackend> backends() {
    return ConformanceBackend.arbitrary();
  }
}
