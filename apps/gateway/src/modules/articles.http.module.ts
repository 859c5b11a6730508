import { Module } from '@nestjs/common';
import { ArticleAuthors, ArticlesController } from '../controllers/articles.controller';

/** The gateway's routes onto the articles service. */
@Module({ controllers: [ArticlesController], providers: [ArticleAuthors] })
export class ArticlesHttpModule {}
