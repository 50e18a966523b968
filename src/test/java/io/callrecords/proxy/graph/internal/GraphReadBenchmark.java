package io.callrecords.proxy.graph.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JavaType;

/**
 * Not a test: how long reading one call record body takes with the service's readers
 * ({@link QuickRecords}, hand-read timestamps) and with Jackson's own, in one JVM, in
 * ABBA rounds (run by {@code bench/profile/read.sh}). The first rounds warm the JIT up
 * and are left out of the median ratio.
 */
public final class GraphReadBenchmark {

	private GraphReadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		byte[] body = Files.readAllBytes(Path.of(args[0]));
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int reads = (args.length > 2) ? Integer.parseInt(args[2]) : 40;
		GraphJson[] readers = { new GraphJson(true), new GraphJson(false) };
		JavaType type = readers[0].type(CallRecordBody.class);
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			double[] millis = new double[2];
			for (int reader : new int[] { 0, 1, 1, 0 }) {
				long start = System.nanoTime();
				for (int i = 0; i < reads; i++) {
					readers[reader].read(new ByteArrayInputStream(body), type);
				}
				millis[reader] += (System.nanoTime() - start) / 1e6 / reads / 2;
			}
			System.out.printf(Locale.ROOT, "round %d: service %.3f ms, Jackson's own %.3f ms per read%n", round + 1,
					millis[0], millis[1]);
			if (round >= rounds / 3) {
				ratios.add(millis[0] / millis[1]);
			}
		}
		Collections.sort(ratios);
		System.out.printf(Locale.ROOT, "median service/Jackson %.3f (lowest %.3f, highest %.3f, last %d rounds)%n",
				ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1), ratios.size());
	}

}
