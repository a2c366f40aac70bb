import type { DataSource } from 'typeorm';
import { ProfileService } from './profile.service';

/** The service layer, built once per process and shared by HTTP, WebSocket and jobs. */
export interface Services {
  profiles: ProfileService;
}

export function createServices(dataSource: DataSource): Services {
  return {
    profiles: new ProfileService(dataSource),
  };
}
