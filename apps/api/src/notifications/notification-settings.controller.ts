import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { NotificationSettingsDto, NotificationSettingsQuery } from './dto/notification-settings.dto';
import { NOTIFICATION_METHODS, NotificationSettingsService } from './notification-settings.service';

/** Horreum's notification settings (`/api/notifications`, not in Horreum's OpenAPI file). */
@ApiTags('Notifications')
@Controller('notifications')
export class NotificationSettingsController {
  constructor(@Inject(NotificationSettingsService) private readonly settings: NotificationSettingsService) {}

  @Get('methods')
  @Access('public')
  @ApiOperation({ operationId: 'notificationMethods', summary: 'The notification methods this instance has' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string' }, example: ['email'] } })
  @ApiProblemResponses()
  methods(): string[] {
    return [...NOTIFICATION_METHODS];
  }

  @Get('settings')
  @Access('authenticated')
  @ApiOperation({ operationId: 'notificationSettings', summary: "Your own notification settings, or a team's (its managers)" })
  @ApiOkResponse({ type: [NotificationSettingsDto] })
  @ApiProblemResponses(400, 401, 403)
  list(@CallerParam() caller: UserCaller, @Query() query: NotificationSettingsQuery): Promise<NotificationSettingsDto[]> {
    return this.settings.list(caller, query.name, query.team ?? false);
  }

  @Post('settings')
  @HttpCode(204)
  @Access('authenticated')
  @ApiOperation({ operationId: 'updateNotificationSettings', summary: "Replace your own notification settings, or a team's (its managers)" })
  @ApiBody({ type: [NotificationSettingsDto] })
  @ApiNoContentResponse({ description: 'Replaced' })
  @ApiProblemResponses(400, 401, 403)
  async replace(@CallerParam() caller: UserCaller, @Query() query: NotificationSettingsQuery, @Body() body: unknown): Promise<void> {
    await this.settings.replace(caller, query.name, query.team ?? false, body);
  }
}
