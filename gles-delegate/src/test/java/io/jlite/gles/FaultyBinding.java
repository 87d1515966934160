package io.jlite.gles;

import io.jlite.gpu.fault.DriverCall;
import io.jlite.gpu.fault.DriverFaults;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * A {@link GlesBinding} over a real one whose calls fail as {@link DriverFaults} decides, the way a
 * GL driver fails: the call does nothing and {@code glGetError} then reports the error (for a
 * build, the shader does not compile; for a read, the buffer does not map). Everything else goes to
 * the real driver, so the delegate's own error handling is what is tested. Allocating is {@code
 * glBufferData} and {@code glTexStorage2D}. Also a binding reporting smaller limits ({@link
 * #reporting}).
 */
final class FaultyBinding {
  private FaultyBinding() {}

  static GlesBinding over(GlesBinding real, DriverFaults faults) {
    Deque<Integer> pending = new ArrayDeque<>();
    int[] failedBuild = {Gl.GL_NO_ERROR};
    return (GlesBinding)
        Proxy.newProxyInstance(
            GlesBinding.class.getClassLoader(),
            new Class<?>[] {GlesBinding.class},
            (proxy, method, args) -> {
              String name = method.getName();
              DriverCall call = callOf(name);
              int error = call == null ? Gl.GL_NO_ERROR : faults.errorFor(call, name);
              if (error != Gl.GL_NO_ERROR) {
                if (call == DriverCall.BUILD) {
                  failedBuild[0] = error;
                } else {
                  pending.add(error);
                }
                return null; // every faulted call is void but mapBufferRange, which maps nothing
              }
              if (name.equals("getError") && !pending.isEmpty()) {
                return pending.poll();
              }
              if (name.equals("getShaderi") && failedBuild[0] != Gl.GL_NO_ERROR) {
                return 0;
              }
              if (name.equals("getShaderInfoLog") && failedBuild[0] != Gl.GL_NO_ERROR) {
                String log = "injected: the driver failed with " + Gl.errorName(failedBuild[0]);
                failedBuild[0] = Gl.GL_NO_ERROR;
                return log;
              }
              return invoke(real, method, args);
            });
  }

  /**
   * A binding over {@code real} whose {@code glGetIntegerv} reports {@code limits} (name → value)
   * instead of the driver's, for testing how the delegate lives within smaller limits.
   */
  static GlesBinding reporting(GlesBinding real, Map<Integer, Integer> limits) {
    return (GlesBinding)
        Proxy.newProxyInstance(
            GlesBinding.class.getClassLoader(),
            new Class<?>[] {GlesBinding.class},
            (proxy, method, args) ->
                method.getName().equals("getInteger") && limits.containsKey((Integer) args[0])
                    ? limits.get((Integer) args[0])
                    : invoke(real, method, args));
  }

  private static DriverCall callOf(String method) {
    return switch (method) {
      case "bufferData", "texStorage2D" -> DriverCall.ALLOCATE;
      case "compileShader" -> DriverCall.BUILD;
      case "bufferSubData" -> DriverCall.WRITE;
      case "dispatchCompute" -> DriverCall.ENQUEUE;
      case "mapBufferRange" -> DriverCall.READ;
      default -> null;
    };
  }

  private static Object invoke(GlesBinding real, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
