import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Config } from '@granary/config';

/** Injection token for the validated configuration (read once, before Nest boots). */
export const CONFIG = Symbol('CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Config): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
