package io.jlite.cli;

import io.jlite.ir.Shape;

/**
 * An input or output of a model as a backend reports it.
 *
 * @param name the tensor's name in the model
 * @param shape its shape
 */
record TensorInfo(String name, Shape shape) {}
