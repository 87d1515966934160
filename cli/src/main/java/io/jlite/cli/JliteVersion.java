package io.jlite.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code jlite --version}: the version from the jar's manifest, and the Java runtime. */
final class JliteVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Package pkg = Jlite.class.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return new String[] {
      "jlite " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
