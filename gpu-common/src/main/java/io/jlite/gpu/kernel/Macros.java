package io.jlite.gpu.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Finds and expands the dialect's macros, {@code $NAME(arg, ...)}: arguments are split at top-level
 * commas and expanded first, so macros nest.
 */
final class Macros {
  private Macros() {}

  /** How often {@code $name(} occurs in {@code text}. */
  static long count(String text, String name) {
    String needle = "$" + name + "(";
    long n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * Replaces every macro call by {@code expand.apply(name, args)}.
   *
   * @throws KernelSyntaxException for a {@code $} not followed by {@code NAME(}, or unbalanced
   *     parentheses
   */
  static String expand(String text, BiFunction<String, List<String>, String> expand) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch != '$') {
        out.append(ch);
        i++;
        continue;
      }
      int nameEnd = i + 1;
      while (nameEnd < text.length()
          && (Character.isUpperCase(text.charAt(nameEnd)) || text.charAt(nameEnd) == '_')) {
        nameEnd++;
      }
      if (nameEnd == i + 1 || nameEnd >= text.length() || text.charAt(nameEnd) != '(') {
        throw new KernelSyntaxException(
            "'$' at " + i + " is not a macro call: " + excerpt(text, i));
      }
      String name = text.substring(i + 1, nameEnd);
      List<String> args = new ArrayList<>();
      int depth = 0;
      int argStart = nameEnd + 1;
      int j = nameEnd;
      for (; j < text.length(); j++) {
        char c = text.charAt(j);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            break;
          }
        } else if (c == ',' && depth == 1) {
          args.add(text.substring(argStart, j).trim());
          argStart = j + 1;
        }
      }
      if (j >= text.length()) {
        throw new KernelSyntaxException(
            "unbalanced parentheses in $" + name + ": " + excerpt(text, i));
      }
      String last = text.substring(argStart, j).trim();
      if (!last.isEmpty() || !args.isEmpty()) {
        args.add(last);
      }
      List<String> expandedArgs = new ArrayList<>();
      for (String a : args) {
        expandedArgs.add(expand(a, expand));
      }
      out.append(expand.apply(name, expandedArgs));
      i = j + 1;
    }
    return out.toString();
  }

  private static String excerpt(String text, int at) {
    return text.substring(at, Math.min(text.length(), at + 40));
  }
}
