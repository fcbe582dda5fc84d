import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Programme } from './programme.entity';

export const stageUnits = ['weeks', 'shifts'] as const;
export type StageUnit = (typeof stageUnits)[number];

/** One step of a programme, e.g. "shadowing: 1 week"; stages run in the order of their position. */
@Entity('programme_stages')
export class ProgrammeStage {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => Programme, (programme) => programme.stages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme: Relation<Programme>;

  /** 1, 2, 3, ... */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'text' })
  unit: StageUnit;
}
