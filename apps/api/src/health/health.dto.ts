import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the check is down' })
  detail?: string;
}

export class MigrationsCheckDto extends CheckDto {
  @ApiProperty({ type: [String], description: 'Migrations in this build not yet applied' })
  pending: string[];

  @ApiProperty({ type: [String], description: 'Migrations that failed and need `npm run db:migrate` after a fix' })
  failed: string[];
}

export class ReadinessChecksDto {
  @ApiProperty({ type: CheckDto })
  database: CheckDto;

  @ApiProperty({ type: MigrationsCheckDto })
  migrations: MigrationsCheckDto;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'unavailable'] })
  status: 'ready' | 'unavailable';

  @ApiProperty({ type: ReadinessChecksDto })
  checks: ReadinessChecksDto;
}
