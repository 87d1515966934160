package io.jlite.gles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.DelegateProvider;
import io.jlite.GpuUnavailableException;
import io.jlite.Interpreter;
import io.jlite.gpu.GpuDelegateProvider;
import io.jlite.gpu.GpuSettings;
import io.jlite.gpu.memory.MemoryStrategy;
import io.jlite.gpu.plan.Precision;
import io.jlite.ir.Graph;
import io.jlite.loader.ModelLoader;
import io.jlite.models.ModelCatalog;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class GlesDelegateTest {
  /** A binding whose driver is missing: every platform without EGL looks like this. */
  private static GlesBinding noDriver() {
    return (GlesBinding)
        Proxy.newProxyInstance(
            GlesBinding.class.getClassLoader(),
            new Class<?>[] {GlesBinding.class},
            (proxy, method, args) -> {
              if (method.getName().equals("createContext")) {
                throw new GpuUnavailableException("no EGL here (test)");
              }
              throw new AssertionError(method.getName() + " called without a context");
            });
  }

  @Test
  void withoutADriverConstructionSaysWhy() {
    GpuUnavailableException e =
        assertThrows(
            GpuUnavailableException.class,
            () -> new GlesDelegate(GlesOptions.defaults().withoutProgramCache(), noDriver()));
    assertEquals("no EGL here (test)", e.getMessage());
  }

  @Test
  void withFallbackAndNoDriverItClaimsNothingAndTheCpuRunsTheModel() {
    Graph graph =
        ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));
    try (GlesDelegate gles =
        new GlesDelegate(
            GlesOptions.defaults().withoutProgramCache().withFallbackToCpu(true), noDriver())) {
      assertTrue(gles.device().isEmpty());
      assertFalse(gles.claims(graph, graph.nodes().get(0)));
      try (Interpreter interpreter =
          new Interpreter(graph, new Interpreter.Options().addDelegate(gles))) {
        assertEquals(0, interpreter.delegatePartitionCount());
      }
    }
  }

  @Test
  void theProviderIsFoundByName() {
    DelegateProvider provider = DelegateProvider.named("gles").orElseThrow();
    assertSame(GlesDelegateProvider.class, provider.getClass());
  }

  @Test
  void theTexturesProviderMakesDelegatesWithTextures() {
    DelegateProvider provider = DelegateProvider.named("gles-textures").orElseThrow();
    GpuDelegateProvider gpu = assertInstanceOf(GpuDelegateProvider.class, provider);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            gpu.create(
                new GpuSettings(Precision.FP32, MemoryStrategy.deviceDefault(), false, true)));
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    try (GlesDelegate plain = (GlesDelegate) provider.create();
        GlesDelegate half =
            (GlesDelegate) gpu.create(GpuSettings.defaults().withPrecision(Precision.FP16))) {
      assertTrue(plain.options().textures());
      assertTrue(half.options().textures());
      assertEquals(Precision.FP16, half.options().precision());
    }
    try (GlesDelegate gles = (GlesDelegate) DelegateProvider.named("gles").orElseThrow().create()) {
      assertEquals(GlesOptions.DEFAULT_TEXTURES, gles.options().textures());
    }
  }

  @Test
  void aDelegateIsRefusedOnAnotherThread() throws InterruptedException {
    TestContexts.open().close(); // skips (or fails under CI) without a GLES driver
    Graph graph =
        ModelLoader.standard().load(ModelCatalog.standard().path("face_detection_short_range"));
    try (GlesDelegate gles = new GlesDelegate(GlesOptions.defaults().withoutProgramCache())) {
      CompletableFuture<Interpreter> elsewhere =
          CompletableFuture.supplyAsync(
              () -> new Interpreter(graph, new Interpreter.Options().addDelegate(gles)));
      ExecutionException e = assertThrows(ExecutionException.class, elsewhere::get);
      assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
      assertEquals(0, gles.liveDeviceBuffers());
    }
  }
}
