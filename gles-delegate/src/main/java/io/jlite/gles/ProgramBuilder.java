package io.jlite.gles;

/** Compiles and links one compute shader, turning the driver's verdict into exceptions. */
final class ProgramBuilder {
  private ProgramBuilder() {}

  /** A linked program's GL name. */
  static int build(GlesContext context, String label, String source) {
    GlesBinding gl = context.gl();
    int shader = gl.createShader(Gl.GL_COMPUTE_SHADER);
    if (shader == 0) {
      context.check("creating compute shader '" + label + "'");
      throw new IllegalStateException("the driver created no shader for '" + label + "'");
    }
    try {
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (gl.getShaderi(shader, Gl.GL_COMPILE_STATUS) == 0) {
        throw new ShaderBuildException(label, "compilation", gl.getShaderInfoLog(shader), source);
      }
      int program = gl.createProgram();
      gl.attachShader(program, shader);
      gl.linkProgram(program);
      if (gl.getProgrami(program, Gl.GL_LINK_STATUS) == 0) {
        String log = gl.getProgramInfoLog(program);
        gl.deleteProgram(program);
        throw new ShaderBuildException(label, "linking", log, source);
      }
      context.check("building compute shader '" + label + "'");
      return program;
    } finally {
      // The program keeps what it needs; the shader object is no longer needed either way.
      gl.deleteShader(shader);
    }
  }
}
