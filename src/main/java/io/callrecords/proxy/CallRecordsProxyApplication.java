package io.callrecords.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of callrecords-proxy.
 *
 * @author callrecords-proxy team
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CallRecordsProxyApplication {

	public static void main(String[] args) {
		SpringApplication.run(CallRecordsProxyApplication.class, args);
	}

}
