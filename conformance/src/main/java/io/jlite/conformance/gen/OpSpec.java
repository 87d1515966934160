package io.jlite.conformance.gen;

import io.jlite.conformance.ConformanceCase;
import net.jqwik.api.Arbitrary;

/**
 * The generator of one op's conformance cases: valid single-op models with every option the op has,
 * and their inputs.
 *
 * @param opName the op's name in JLite's registry ({@code CONV_2D}, {@code
 *     CUSTOM:Convolution2DTransposeBias})
 * @param cases the cases; shrinking goes towards small shapes and the first option of each kind
 */
public record OpSpec(String opName, Arbitrary<ConformanceCase> cases) {}
