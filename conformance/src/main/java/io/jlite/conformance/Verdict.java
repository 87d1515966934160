package io.jlite.conformance;

/**
 * The result of one case on one backend.
 *
 * @param passed every output matched TFLite within tolerance
 * @param delegated the backend's delegate ran at least one op (false on the reference CPU, and when
 *     the delegate claimed nothing, i.e. the case fell back to the CPU)
 * @param message what differed (empty when passed)
 * @param maxRelativeError the largest error over all outputs divided by max(1, max|expected|)
 */
public record Verdict(boolean passed, boolean delegated, String message, double maxRelativeError) {}
