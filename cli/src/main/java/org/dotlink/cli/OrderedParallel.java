package org.dotlink.cli;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs read tasks on a pool of threads and hands their results on in task order. The calling thread
 * pulls tasks (which does the reading) and consumes results; at most {@code window} tasks are in
 * flight, so memory stays bounded whatever the input size.
 */
final class OrderedParallel {

    private OrderedParallel() {}

    /**
     * @param tasks     read tasks, pulled on the calling thread
     * @param transform applied to each task's result on the worker thread (e.g. serialisation)
     * @param sink      receives transformed results in task order, on the calling thread
     */
    static <T, R> void run(Iterator<Callable<T>> tasks, Function<T, R> transform, Consumer<R> sink, int threads) {
        int window = Math.max(4, threads * 4);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dotlink-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<R>> inFlight = new ArrayDeque<>(window);
            while (tasks.hasNext()) {
                Callable<T> task = tasks.next();
                inFlight.add(pool.submit(() -> transform.apply(task.call())));
                if (inFlight.size() >= window) {
                    sink.accept(await(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
