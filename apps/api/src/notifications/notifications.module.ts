import { Module } from '@nestjs/common';
import { ChecksService } from './checks.service';
import { MissingDataController } from './missing-data.controller';
import { MissingDataService } from './missing-data.service';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsRepository } from './notifications.repository';
import { NotifierService } from './notifier.service';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Notifications: missing data rules and run expectations (what should arrive), subscriptions and
 * notification settings (who is told, how), and the background checks and notifier that turn
 * events into e-mails.
 */
@Module({
  controllers: [MissingDataController, SubscriptionsController, NotificationSettingsController],
  providers: [NotificationsRepository, MissingDataService, SubscriptionsService, NotificationSettingsService, ChecksService, NotifierService],
})
export class NotificationsModule {}
