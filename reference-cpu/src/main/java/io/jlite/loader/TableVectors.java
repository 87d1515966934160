package io.jlite.loader;

import com.google.flatbuffers.Table;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.UnaryOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.DimensionMetadata;
import org.tensorflow.lite.schema.Int32Vector;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparsityParameters;
import org.tensorflow.lite.schema.Uint16Vector;
import org.tensorflow.lite.schema.Uint8Vector;

/**
 * Vector lengths of schema tables, checked before the generated object API unpacks them. {@code
 * unpack()} allocates an array of each vector's declared length before reading a single element, so
 * a hostile length makes it allocate gigabytes (and then fail on the first element outside the
 * file). Every length found here must pass {@code check}; the generated classes are walked by
 * reflection so that every vector of every options table is covered without listing them.
 */
final class TableVectors {
  /** Checks one vector length; throws if it is impossible for the file. */
  @FunctionalInterface
  interface LengthCheck {
    void check(int length, String what);
  }

  private TableVectors() {}

  /** The operator's own vectors and those of its builtin options table. */
  static void checkOperator(Operator operator, String where, LengthCheck check) {
    checkTable(operator, where, check);
    int type = operator.builtinOptionsType() & 0xff;
    if (type == BuiltinOptions.NONE || type >= BuiltinOptions.names.length) {
      return; // no options, or a type newer than the schema: unpack() ignores it too
    }
    try {
      Class<? extends Table> options =
          Class.forName("org.tensorflow.lite.schema." + BuiltinOptions.name(type))
              .asSubclass(Table.class);
      Table table = operator.builtinOptions(options.getDeclaredConstructor().newInstance());
      if (table != null) {
        checkTable(table, where + " options", check);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("schema class for options " + type + " is missing", e);
    }
  }

  /** The sparsity table's vectors and the index vectors of each of its dimensions. */
  static void checkSparsity(SparsityParameters sparsity, String where, LengthCheck check) {
    checkTable(sparsity, where + " sparsity", check);
    for (int d = 0; d < sparsity.dimMetadataLength(); d++) {
      DimensionMetadata dim = sparsity.dimMetadata(d);
      String at = where + " sparsity dimension " + d;
      checkIndexVector(dim.arraySegmentsType(), dim::arraySegments, at + " segments", check);
      checkIndexVector(dim.arrayIndicesType(), dim::arrayIndices, at + " indices", check);
    }
  }

  private static void checkIndexVector(
      byte type, UnaryOperator<Table> accessor, String what, LengthCheck check) {
    Table vector =
        switch (type) {
          case SparseIndexVector.Int32Vector -> accessor.apply(new Int32Vector());
          case SparseIndexVector.Uint16Vector -> accessor.apply(new Uint16Vector());
          case SparseIndexVector.Uint8Vector -> accessor.apply(new Uint8Vector());
          default -> null;
        };
    if (vector != null) {
      checkTable(vector, what, check);
    }
  }

  /** Every {@code fooLength()} of the table's generated class. */
  private static void checkTable(Table table, String what, LengthCheck check) {
    for (Method m : table.getClass().getMethods()) {
      if (m.getName().endsWith("Length")
          && m.getParameterCount() == 0
          && m.getReturnType() == int.class) {
        check.check(invoke(m, table), what + " " + m.getName());
      }
    }
  }

  private static int invoke(Method m, Table table) {
    try {
      return (int) m.invoke(table);
    } catch (InvocationTargetException e) {
      // A bad offset inside the accessor: rethrown as is, the loader reports malformed FlatBuffers.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
