package io.domopreflight.run;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.UUID;

/**
 * Which node this is and which nodes are up. On a single node it is always the only member; in a cluster the ids
 * are Vert.x node ids, the ones recorded as a run's owner.
 */
public final class Membership {

  /** The member attribute under which Vert.x keeps its node id in Hazelcast. */
  private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private final ClusterManager clusterManager;
  private final String nodeId;

  private Membership(ClusterManager clusterManager, String nodeId) {
    this.clusterManager = clusterManager;
    this.nodeId = nodeId;
  }

  public static Membership of(Vertx vertx) {
    ClusterManager manager = vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
    return new Membership(manager, manager != null ? manager.getNodeId() : UUID.randomUUID().toString());
  }

  public boolean isClustered() {
    return clusterManager != null;
  }

  public String nodeId() {
    return nodeId;
  }

  /** The ids of the nodes that are members now, this one included. */
  public List<String> members() {
    return clusterManager != null ? clusterManager.getNodes() : List.of(nodeId);
  }

  /**
   * Calls {@code onLeft} with a node's id, on {@code context}, whenever a node leaves or is declared dead. Returns
   * what removes the listener; on a single node there is nothing to listen to and it does nothing.
   *
   * <p>NOTE: Hazelcast's membership listener is used because Vert.x's {@code ClusterManager#nodeListener} holds a
   * single listener, which Vert.x itself already takes.
   */
  public Runnable onNodeLeft(Context context, Handler<String> onLeft) {
    if (!(clusterManager instanceof HazelcastClusterManager hazelcast)) {
      return () -> { };
    }
    HazelcastInstance instance = hazelcast.getHazelcastInstance();
    UUID registration = instance.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        // A joining node needs nothing from the runs here.
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String left = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
        context.runOnContext(v -> onLeft.handle(left));
      }
    });
    return () -> {
      if (instance.getLifecycleService().isRunning()) {
        instance.getCluster().removeMembershipListener(registration);
      }
    };
  }
}
