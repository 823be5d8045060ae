import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Query of Horreum's `POST /api/run/data` (addRunFromData). */
export class UploadRunQuery {
  @ApiProperty({ description: 'Test name or id', example: 'my-benchmark' })
  @IsString()
  @MaxLength(255)
  test: string;

  @ApiProperty({ description: 'Start: ISO-8601, epoch milliseconds, or a JSONPath into the document (`$.startTime`)', example: '2023-10-23T00:13:35Z' })
  @IsString()
  start: string;

  @ApiProperty({ description: 'Stop: as start', example: '$.stopTime' })
  @IsString()
  stop: string;

  @ApiPropertyOptional({ description: "Owner team (default: the test's owner)", example: 'perf-team' })
  @IsOptional()
  @IsString()
  owner?: string;

  @ApiPropertyOptional({ description: 'Access: PUBLIC, PROTECTED or PRIVATE (or 0, 1, 2); default PRIVATE', example: 'PRIVATE' })
  @IsOptional()
  @IsString()
  access?: string;

  @ApiPropertyOptional({ description: 'Schema URI to set as `$schema` of the document', example: 'urn:my-benchmark:0.2' })
  @IsOptional()
  @IsString()
  schema?: string;

  @ApiPropertyOptional({ description: 'Description, or a JSONPath into the document', example: 'AWS runs' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;
}
