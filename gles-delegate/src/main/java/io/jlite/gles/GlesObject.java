package io.jlite.gles;

/**
 * A GL object of a {@link GlesContext} (buffer, texture, program): counted by the context while
 * alive, deleted once by {@link #close()} (or by the context's own close), and usable only from the
 * context's thread.
 */
abstract class GlesObject implements AutoCloseable {
  final GlesContext context;
  private final String kind;
  private final String label;
  private int id;

  /**
   * @param kind what it is, for messages ("buffer", "texture", "program")
   * @param id the GL name
   */
  GlesObject(GlesContext context, String kind, String label, int id) {
    this.context = context;
    this.kind = kind;
    this.label = label;
    this.id = id;
  }

  /** The name given at creation, for messages. */
  public String label() {
    return label;
  }

  /** The GL name; {@link IllegalStateException} once closed or from another thread. */
  int id() {
    context.checkThread();
    if (id == 0) {
      throw new IllegalStateException("GLES " + kind + " '" + label + "' is closed");
    }
    return id;
  }

  /** Deletes GL object {@code name}. */
  abstract void delete(GlesBinding gl, int name);

  /** Deletes the GL object; closing twice is harmless. */
  @Override
  public void close() {
    if (id != 0) {
      int released = id;
      context.checkThread();
      id = 0;
      context.released(this);
      delete(context.gl(), released);
    }
  }
}
