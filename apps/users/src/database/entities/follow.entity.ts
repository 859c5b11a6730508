import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'follows' })
export class FollowEntity {
  @PrimaryColumn('uuid')
  followerId: string;

  @PrimaryColumn('uuid')
  followeeId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
