package io.domopreflight.app;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Starts the service. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Starts the preflight service.")
final class ServeCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("serve is wired with the HTTP surface");
  }
}
