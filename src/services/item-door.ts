import type { DataSource } from 'typeorm';
import { ItemPlaid } from '../plaid/item-plaid';
import type { PlaidClient } from '../plaid/plaid-client';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import { EventStreamRepository } from '../repositories/event-stream.repository';
import { ItemRepository } from '../repositories/item.repository';
import type { TokenCipher } from '../security/token-cipher';
import { AccessTokenVault } from './access-token-vault';
import { EventOutbox } from './event-outbox';
import { ItemStatusService } from './item-status.service';

export interface ItemDoorDependencies {
  dataSource: DataSource;
  plaid: PlaidClient;
  cipher: TokenCipher;
  pubSub: GatewayPubSub;
}

export interface ItemDoor {
  vault: AccessTokenVault;
  itemRows: ItemRepository;
  streams: EventStreamRepository;
  outbox: EventOutbox;
  itemStatus: ItemStatusService;
  itemPlaid: ItemPlaid;
}

/**
 * The one door to Plaid for an Item and what it needs to record the status a Plaid error
 * names: wired once here, for the gateway's services and for the command-line tools alike.
 */
export function createItemDoor({ dataSource, plaid, cipher, pubSub }: ItemDoorDependencies): ItemDoor {
  const vault = new AccessTokenVault(cipher);
  const itemRows = new ItemRepository(dataSource);
  const streams = new EventStreamRepository(dataSource);
  const outbox = new EventOutbox(streams, pubSub);
  const itemStatus = new ItemStatusService({ dataSource, items: itemRows, outbox });
  const itemPlaid = new ItemPlaid({
    plaid,
    openAccessToken: (item) => vault.open(item),
    applyStatusChange: (itemId, change) => itemStatus.apply(itemId, change),
  });
  return { vault, itemRows, streams, outbox, itemStatus, itemPlaid };
}
