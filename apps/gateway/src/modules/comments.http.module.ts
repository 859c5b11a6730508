import { Module } from '@nestjs/common';
import { CommentAuthors, CommentsController, ModerationController } from '../controllers/comments.controller';

/** The gateway's routes onto the comments service. */
@Module({ controllers: [CommentsController, ModerationController], providers: [CommentAuthors] })
export class CommentsHttpModule {}
