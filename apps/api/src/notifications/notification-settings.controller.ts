import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CallerParam, type UserCaller } from '../common/db/caller';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { NotificationSettingsDto, NotificationSettingsQuery, TestNotificationQuery } from './dto/notification-settings.dto';
import { NotifierService } from './notifier.service';
import { NOTIFICATION_METHODS, NotificationSettingsService } from './notification-settings.service';

/** Horreum's notification settings (`/api/notifications`, not in Horreum's OpenAPI file). */
@ApiTags('Notifications')
@Controller('notifications')
export class NotificationSettingsController {
  constructor(
    @Inject(NotificationSettingsService) private readonly settings: NotificationSettingsService,
    @Inject(NotifierService) private readonly notifier: NotifierService,
  ) {}

  @Get('methods')
  @Access('public')
  @ApiOperation({ operationId: 'notificationMethods', summary: 'The notification methods this instance has' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string' }, example: ['email'] } })
  @ApiProblemResponses()
  methods(): string[] {
    return [...NOTIFICATION_METHODS];
  }

  @Post('test')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({ operationId: 'testNotification', summary: 'Administrators: send a test message now (method `email`, data = the address) to check the mail settings' })
  @ApiNoContentResponse({ description: 'Sent' })
  @ApiProblemResponses(400, 401, 403, 502)
  async test(@Query() query: TestNotificationQuery): Promise<void> {
    await this.notifier.sendTest(query.data);
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
