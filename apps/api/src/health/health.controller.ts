import { Access } from '../auth/access.decorator';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService } from './health.service';
import { LivenessDto, ReadinessDto } from './health.dto';

@ApiTags('Health')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ operationId: 'liveness', summary: 'Liveness: the API process answers' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'readiness', summary: 'Readiness: the database answers and every migration is applied' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Not ready; `checks` says why' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const readiness = await this.health.readiness();
    res.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
