package com.mspanalytics.connectors.connectwise;

import com.mspanalytics.outbound.OutboundHttp;
import com.mspanalytics.outbound.UpstreamCalls;
import java.time.Clock;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Registers one sync source bean per ConnectWise collection; the sync service discovers them by type. */
@Configuration(proxyBeanMethods = false)
@Import(ConnectWiseConfiguration.Sources.class)
class ConnectWiseConfiguration {

    static final class Sources implements BeanRegistrar {
        @Override
        public void register(BeanRegistry registry, Environment environment) {
            for (ConnectWiseEntity entity : ConnectWiseEntity.ALL) {
                registry.registerBean("connectWise-" + entity.entity(), ConnectWiseSource.class, spec -> spec.supplier(
                        context -> new ConnectWiseSource(entity, context.bean(OutboundHttp.class),
                                context.bean(UpstreamCalls.class), context.bean(ConnectWiseProperties.class),
                                context.bean(Clock.class))));
            }
        }
    }
}
