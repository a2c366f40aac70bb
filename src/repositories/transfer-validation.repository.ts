import type { DataSource, Repository } from 'typeorm';
import { TransferValidationEntity } from '../entities/transfer-validation.entity';

/** The transfer_validations table: one row per decision, unique per user and idempotency key. */
export class TransferValidationRepository {
  private readonly validations: Repository<TransferValidationEntity>;

  constructor(dataSource: DataSource) {
    this.validations = dataSource.getRepository(TransferValidationEntity);
  }

  findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<TransferValidationEntity | null> {
    return this.validations.findOneBy({ userId, idempotencyKey });
  }

  /** Fails on a key the user already used (the unique index). */
  insert(validation: Partial<TransferValidationEntity>): Promise<TransferValidationEntity> {
    return this.validations.save(this.validations.create(validation));
  }
}
