package io.jlite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlite.conformance.gen.OpSpecs;
import io.jlite.ops.OpRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every op of the reference engine has a generator and a property class, and nothing else does. */
class SuiteCoverageTest {
  @Test
  void everyRegisteredOpHasAGenerator() {
    assertEquals(
        new TreeSet<>(OpRegistry.standard().opNames()), new TreeSet<>(OpSpecs.all().keySet()));
  }

  @Test
  void everyGeneratorHasAPropertyClass() {
    List<String> missing = new ArrayList<>();
    for (String op : OpSpecs.all().keySet()) {
      String name = "io.jlite.conformance.ops." + propertyClass(op);
      try {
        Class.forName(name);
      } catch (ClassNotFoundException e) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing);
  }

  /** CONV_2D → Conv2DProperties, CUSTOM:Convolution2DTransposeBias → Convolution2D…Properties. */
  static String propertyClass(String op) {
    if (op.startsWith("CUSTOM:")) {
      return op.substring("CUSTOM:".length()) + "Properties";
    }
    StringBuilder s = new StringBuilder();
    for (String part : op.split("_", -1)) {
      if (!part.isEmpty()) {
        s.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return s.toString().replace("2d", "2D") + "Properties";
  }
}
