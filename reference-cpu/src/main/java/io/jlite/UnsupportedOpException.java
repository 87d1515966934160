package io.jlite;

/** The model uses an operator (or an operator option) that JLite does not implement. */
public class UnsupportedOpException extends JLiteException {
  private static final long serialVersionUID = 1L;

  private final String opName;

  public UnsupportedOpException(String opName, String message) {
    super(message);
    this.opName = opName;
  }

  /** The TFLite name of the operator, e.g. {@code "LSTM"} or {@code "CUSTOM:MyOp"}. */
  public String opName() {
    return opName;
  }
}
