/**
 * Backend-neutral GPU planning: partitioning, PHWC4 layout, fusion passes, memory planning,
 * workgroup choice and one kernel template per op, lowered to OpenCL C and GLSL ES 3.10.
 */
package io.jlite.gpu;
