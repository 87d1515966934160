package io.jlite.gpu.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * MIN_COST_FLOW: the paper's formulation of shared objects as a min-cost flow. Every tensor j needs
 * one unit of flow (an object) from the source: either a new object (edge source → j, cost size_j),
 * or the object of a tensor i that died before j was born (edge i → j, cost max(0, size_j -
 * size_i): the bytes the object must grow by); each dead tensor hands its object on at most once.
 * The minimum-cost flow of N units picks the chains of tensors that share an object; each object is
 * as large as its largest tensor. Solved by successive shortest paths (SPFA on the dense residual
 * network, one unit per tensor).
 */
public record MinCostFlowStrategy() implements MemoryStrategy {
  @Override
  public String name() {
    return "MIN_COST_FLOW";
  }

  @Override
  public ObjectAssignment assignObjects(List<TensorUsage> usages) {
    int n = usages.size();
    int source = 0;
    int sink = 1;
    int v = 2 * n + 2;
    int[][] capacity = new int[v][v];
    long[][] cost = new long[v][v];
    for (TensorUsage i : usages) {
      int left = 2 + i.id();
      int right = 2 + n + i.id();
      capacity[source][left] = 1;
      capacity[source][right] = 1;
      cost[source][right] = i.size();
      capacity[right][sink] = 1;
      cost[right][source] = -i.size();
      for (TensorUsage j : usages) {
        if (i.last() < j.first()) {
          int to = 2 + n + j.id();
          capacity[left][to] = 1;
          cost[left][to] = Math.max(0, j.size() - i.size());
          cost[to][left] = -cost[left][to];
        }
      }
    }
    for (int unit = 0; unit < n; unit++) {
      augment(capacity, cost, source, sink);
    }
    return chains(usages, capacity);
  }

  /**
   * Pushes one unit along a cheapest residual path (Bellman–Ford, since reverse edges cost < 0).
   */
  private static void augment(int[][] capacity, long[][] cost, int source, int sink) {
    int v = capacity.length;
    long[] dist = new long[v];
    int[] parent = new int[v];
    Arrays.fill(dist, Long.MAX_VALUE);
    Arrays.fill(parent, -1);
    dist[source] = 0;
    // SPFA: the residual graph has negative reverse edges but no negative cycles (flow is optimal).
    ArrayDequeInt queue = new ArrayDequeInt(v);
    boolean[] queued = new boolean[v];
    queue.add(source);
    queued[source] = true;
    while (!queue.isEmpty()) {
      int u = queue.poll();
      queued[u] = false;
      for (int w = 0; w < v; w++) {
        if (capacity[u][w] > 0 && dist[u] + cost[u][w] < dist[w]) {
          dist[w] = dist[u] + cost[u][w];
          parent[w] = u;
          if (!queued[w]) {
            queue.add(w);
            queued[w] = true;
          }
        }
      }
    }
    if (parent[sink] < 0) {
      throw new IllegalStateException(
          "no augmenting path: every tensor can always get a new object");
    }
    for (int w = sink; w != source; w = parent[w]) {
      int u = parent[w];
      capacity[u][w]--;
      capacity[w][u]++;
    }
  }

  /**
   * Reads the chains off the flow: tensor j continues the object of the i whose edge carries flow.
   */
  private static ObjectAssignment chains(List<TensorUsage> usages, int[][] capacity) {
    int n = usages.size();
    int[] objectOf = new int[n];
    List<Long> sizes = new ArrayList<>();
    for (TensorUsage j :
        usages.stream().sorted(Comparator.comparingInt(TensorUsage::first)).toList()) {
      int right = 2 + n + j.id();
      int from = -1;
      for (TensorUsage i : usages) {
        // flow on left_i -> right_j shows as residual capacity on the reverse edge
        if (i.last() < j.first() && capacity[right][2 + i.id()] > 0) {
          from = i.id();
        }
      }
      if (from < 0) {
        objectOf[j.id()] = sizes.size();
        sizes.add(j.size());
      } else {
        int o = objectOf[from];
        objectOf[j.id()] = o;
        sizes.set(o, Math.max(sizes.get(o), j.size()));
      }
    }
    List<Integer> of = new ArrayList<>();
    for (int o : objectOf) {
      of.add(o);
    }
    return new ObjectAssignment(of, sizes);
  }

  /** A FIFO of ints without boxing. */
  private static final class ArrayDequeInt {
    private final int[] items;
    private int head;
    private int size;

    ArrayDequeInt(int capacity) {
      items = new int[capacity];
    }

    boolean isEmpty() {
      return size == 0;
    }

    void add(int x) {
      items[(head + size) % items.length] = x;
      size++;
    }

    int poll() {
      int x = items[head];
      head = (head + 1) % items.length;
      size--;
      return x;
    }
  }
}
