package io.jlite.tflite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorflowlite.Reporter_Pointer_BytePointer_Pointer;

/**
 * Collects the messages TensorFlow Lite reports through its C API error reporter ({@code void
 * (*)(void* user_data, const char* format, va_list args)}), so that {@link TfLiteRunner} can put
 * TFLite's own reason into its exceptions instead of leaving it on stderr.
 *
 * <p>One native callback serves every runner (JavaCPP keeps only a few callback slots per class);
 * each runner passes its own token as {@code user_data}, and messages are filed under the token's
 * address.
 *
 * <p>Java cannot call {@code vsnprintf}, so the {@code va_list} is read here by the x86-64 System V
 * rules (the only platform whose native library the peer depends on): a {@code __va_list_tag} holds
 * {@code gp_offset}, {@code fp_offset}, {@code overflow_arg_area} and {@code reg_save_area};
 * integer and pointer arguments come from the 6 saved general registers and then the stack, {@code
 * double}s from the 8 saved vector registers and then the stack. JavaCPP hands the callback the
 * address of the {@code va_list} parameter, that is a pointer to the tag's address. When anything
 * looks inconsistent the raw format string is reported instead.
 */
final class NativeErrorReporter extends Reporter_Pointer_BytePointer_Pointer {
  private static final NativeErrorReporter INSTANCE = new NativeErrorReporter();

  private final Map<Long, List<String>> messages = new ConcurrentHashMap<>();

  private NativeErrorReporter() {
    super();
  }

  static NativeErrorReporter instance() {
    return INSTANCE;
  }

  /** Starts collecting the messages reported with {@code token} as user data. */
  void register(Pointer token) {
    messages.put(token.address(), new ArrayList<>());
  }

  void unregister(Pointer token) {
    messages.remove(token.address());
  }

  /** The messages reported for {@code token} since the last call, joined; they are cleared. */
  String drain(Pointer token) {
    List<String> list = messages.get(token.address());
    if (list == null) {
      return "";
    }
    synchronized (list) {
      String joined = String.join("; ", list).strip();
      list.clear();
      return joined;
    }
  }

  @Override
  public void call(Pointer userData, BytePointer format, Pointer vaList) {
    // Runs on a native thread's stack: nothing may escape into TFLite.
    try {
      if (userData == null || format == null || format.isNull()) {
        return;
      }
      List<String> list = messages.get(userData.address());
      if (list != null) {
        String message = format(format.getString(), vaList).strip();
        synchronized (list) {
          list.add(message);
        }
      }
    } catch (RuntimeException | Error e) {
      // An unreadable message is dropped rather than crossing back into native code.
    }
  }

  private static String format(String format, Pointer vaList) {
    if (!format.contains("%")) {
      return format;
    }
    if (vaList == null || vaList.isNull() || !"amd64".equals(System.getProperty("os.arch"))) {
      return format;
    }
    VaList args = VaList.read(vaList);
    return args == null ? format : Printf.format(format, args);
  }

  /** A reader over an x86-64 System V {@code va_list}; it never writes to the native list. */
  static final class VaList {
    private static final int GP_SAVE_BYTES = 6 * 8;
    private static final int FP_SAVE_END = GP_SAVE_BYTES + 8 * 16;
    private static final int MAX_STACK_SLOTS = 64;

    private int gpOffset;
    private int fpOffset;
    private int stackSlot;
    private final Pointer regSaveArea;
    private final Pointer overflowArea;

    private VaList(int gpOffset, int fpOffset, Pointer overflowArea, Pointer regSaveArea) {
      this.gpOffset = gpOffset;
      this.fpOffset = fpOffset;
      this.overflowArea = overflowArea;
      this.regSaveArea = regSaveArea;
    }

    /** Reads the tag, or returns null when its fields are not those of a live va_list. */
    static VaList read(Pointer vaListParameter) {
      Pointer tag = new PointerPointer<Pointer>(vaListParameter).capacity(1).get(0);
      if (tag == null || tag.isNull()) {
        return null;
      }
      long offsets = new LongPointer(tag).capacity(1).get(0);
      int gp = (int) offsets;
      int fp = (int) (offsets >>> 32);
      PointerPointer<Pointer> fields = new PointerPointer<Pointer>(tag).capacity(3);
      Pointer overflow = fields.get(1);
      Pointer saved = fields.get(2);
      boolean valid =
          gp >= 0
              && gp <= GP_SAVE_BYTES
              && gp % 8 == 0
              && fp >= GP_SAVE_BYTES
              && fp <= FP_SAVE_END
              && fp % 16 == 0
              && overflow != null
              && !overflow.isNull()
              && saved != null
              && !saved.isNull();
      return valid ? new VaList(gp, fp, overflow, saved) : null;
    }

    /** The next integer or pointer argument as its 64-bit register value. */
    long nextLong() {
      if (gpOffset < GP_SAVE_BYTES) {
        long v = new LongPointer(regSaveArea).capacity(FP_SAVE_END / 8).get(gpOffset / 8);
        gpOffset += 8;
        return v;
      }
      return new LongPointer(overflowArea).capacity(MAX_STACK_SLOTS).get(nextStackSlot());
    }

    /** The next pointer argument. */
    Pointer nextPointer() {
      if (gpOffset < GP_SAVE_BYTES) {
        Pointer p =
            new PointerPointer<Pointer>(regSaveArea).capacity(FP_SAVE_END / 8).get(gpOffset / 8);
        gpOffset += 8;
        return p;
      }
      return new PointerPointer<Pointer>(overflowArea)
          .capacity(MAX_STACK_SLOTS)
          .get(nextStackSlot());
    }

    /** The next {@code double} argument ({@code float}s are promoted by the caller). */
    double nextDouble() {
      if (fpOffset < FP_SAVE_END) {
        double v = new DoublePointer(regSaveArea).capacity(FP_SAVE_END / 8).get(fpOffset / 8);
        fpOffset += 16;
        return v;
      }
      return new DoublePointer(overflowArea).capacity(MAX_STACK_SLOTS).get(nextStackSlot());
    }

    private int nextStackSlot() {
      if (stackSlot >= MAX_STACK_SLOTS) {
        throw new IllegalStateException("too many arguments");
      }
      return stackSlot++;
    }
  }

  /** The subset of C's printf that TFLite's messages use. */
  static final class Printf {
    private Printf() {}

    static String format(String format, VaList args) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < format.length()) {
        char ch = format.charAt(i++);
        if (ch != '%') {
          out.append(ch);
          continue;
        }
        // %[flags][width][.precision][length]conversion
        int start = i;
        while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) {
          i++;
        }
        int precision = -1;
        while (i < format.length()
            && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '*')) {
          if (format.charAt(i) == '*') {
            args.nextLong();
          }
          i++;
        }
        if (i < format.length() && format.charAt(i) == '.') {
          i++;
          precision = 0;
          while (i < format.length()
              && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '*')) {
            precision =
                format.charAt(i) == '*'
                    ? (int) args.nextLong()
                    : precision * 10 + (format.charAt(i) - '0');
            i++;
          }
        }
        int lengthStart = i;
        while (i < format.length() && "hlLqjzt".indexOf(format.charAt(i)) >= 0) {
          i++;
        }
        if (i >= format.length()) {
          out.append('%').append(format, start, i);
          break;
        }
        String length = format.substring(lengthStart, i);
        char conversion = format.charAt(i++);
        out.append(convert(conversion, length, precision, args));
      }
      return out.toString();
    }

    private static String convert(char conversion, String length, int precision, VaList args) {
      return switch (conversion) {
        case '%' -> "%";
        case 'd', 'i' -> Long.toString(signed(args.nextLong(), length));
        case 'u' -> Long.toUnsignedString(unsigned(args.nextLong(), length));
        case 'x' -> Long.toHexString(unsigned(args.nextLong(), length));
        case 'X' -> Long.toHexString(unsigned(args.nextLong(), length)).toUpperCase(Locale.ROOT);
        case 'o' -> Long.toOctalString(unsigned(args.nextLong(), length));
        case 'c' -> String.valueOf((char) (args.nextLong() & 0xff));
        case 'p' -> "0x" + Long.toHexString(args.nextLong());
        case 's' -> {
          Pointer p = args.nextPointer();
          String s = p == null || p.isNull() ? "(null)" : new BytePointer(p).getString();
          yield precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
        }
        case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A' ->
            String.format(
                Locale.ROOT,
                "%"
                    + (precision >= 0 ? "." + precision : "")
                    + (conversion == 'F' ? 'f' : conversion),
                args.nextDouble());
        case 'n' -> {
          args.nextLong();
          yield "";
        }
        default -> "%" + length + conversion;
      };
    }

    private static long signed(long raw, String length) {
      return switch (length) {
        case "hh" -> (byte) raw;
        case "h" -> (short) raw;
        case "" -> (int) raw;
        default -> raw;
      };
    }

    private static long unsigned(long raw, String length) {
      return switch (length) {
        case "hh" -> raw & 0xffL;
        case "h" -> raw & 0xffffL;
        case "" -> raw & 0xffff_ffffL;
        default -> raw;
      };
    }
  }
}
