package io.domopreflight.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * nginx as the load balancer in front of service nodes, set up the way {@code docs/deploy.md} tells users to: round
 * robin over HTTP/1.1 with kept-alive upstream connections and buffering off, so event streams pass as they are
 * written. Everything it writes stays in the directory it is started in ({@code nginx -p DIR}).
 */
public final class Nginx {

  private Nginx() {
  }

  /** The nginx executable on the PATH or in {@code /usr/sbin}, or null when nginx is not installed. */
  public static Path executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nginx"))) {
        return Path.of(dir, "nginx");
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? Path.of("/usr/sbin/nginx") : null;
  }

  /** The command that runs nginx in the foreground with {@code conf}, its files under {@code dir}. */
  public static List<String> command(Path executable, Path dir, Path conf) {
    return List.of(executable.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g",
        "daemon off; master_process off;");
  }

  /** A configuration with one loopback listener per key, each balancing over the loopback ports of its value. */
  public static String config(Map<Integer, List<Integer>> upstreamsByListenPort) {
    StringBuilder http = new StringBuilder();
    upstreamsByListenPort.forEach((listen, upstreams) -> {
      http.append("  upstream nodes_").append(listen).append(" {\n");
      upstreams.forEach(p -> http.append("    server 127.0.0.1:").append(p).append(" max_fails=1 fail_timeout=5s;\n"));
      // Enough idle upstream connections for a load generator's concurrency, so each request does not open one.
      http.append("    keepalive 128;\n  }\n");
      http.append("""
            server {
              listen 127.0.0.1:%d;
              location / {
                proxy_pass http://nodes_%d;
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
                proxy_buffering off;
                proxy_read_timeout 1h;
                proxy_connect_timeout 2s;
              }
            }
          """.formatted(listen, listen));
    });
    return """
        worker_processes 1;
        error_log error.log warn;
        pid nginx.pid;
        events { worker_connections 4096; }
        http {
          access_log off;
          keepalive_timeout 60s;
          client_body_temp_path tmp-body;
          proxy_temp_path tmp-proxy;
          fastcgi_temp_path tmp-fastcgi;
          uwsgi_temp_path tmp-uwsgi;
          scgi_temp_path tmp-scgi;
        %s}
        """.formatted(http);
  }
}
