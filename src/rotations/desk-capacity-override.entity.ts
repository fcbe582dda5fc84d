import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Desk } from './desk.entity';

/** A desk's capacity in one ISO week instead of its weekly capacity; 0 closes the desk that week. */
@Entity('desk_capacity_overrides')
export class DeskCapacityOverride {
  @PrimaryColumn({ name: 'desk_id', type: 'uuid' })
  deskId: string;

  @ManyToOne(() => Desk, (desk) => desk.capacityOverrides, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'desk_id' })
  desk: Relation<Desk>;

  /** e.g. '2027-W05' */
  @PrimaryColumn({ type: 'text' })
  week: string;

  @Column({ type: 'integer' })
  capacity: number;
}
