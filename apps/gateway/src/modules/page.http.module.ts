import { Module } from '@nestjs/common';
import { PageController } from '../controllers/page.controller';

/** The article page in one call, composed from every service. */
@Module({ controllers: [PageController] })
export class PageHttpModule {}
