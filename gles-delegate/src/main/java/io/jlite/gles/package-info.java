/**
 * The OpenGL ES 3.1 compute-shader delegate: a headless EGL context, PHWC4 tensors in shader
 * storage buffers and compute shaders lowered from gpu-common's templates.
 *
 * <p>Threading rule: a {@link io.jlite.gles.GlesContext} (and everything made from it: buffers,
 * programs, the delegate and its kernels) belongs to the thread that created it. GL contexts are
 * current on one thread at a time, so every call from another thread is refused with an {@link
 * IllegalStateException} instead of silently running against no context.
 */
package io.jlite.gles;
