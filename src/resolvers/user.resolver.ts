import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { UserProfileEntity } from '../entities/user-profile.entity';
import { Item } from '../schema/item.type';
import { ProfileInput } from '../schema/profile.input';
import { Profile, User } from '../schema/user.type';
import type { Services } from '../services/services';
import type { GraphQLContext } from '../context/graphql-context';
import { CallerId } from './caller-id.decorator';
import { toItem } from './item-mapping';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => User, { description: 'The authenticated user.' })
  me(@CallerId() userId: string): User {
    return { id: userId };
  }

  @Authorized()
  @Mutation(() => User, { description: "The identity that validateTransfer matches against the bank's account owner." })
  async updateProfile(
    @Arg('input', () => ProfileInput) input: ProfileInput,
    @CallerId() userId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    const profile = await this.services.profiles.update(userId, input);
    context.loaders.profileByUserId.clear(userId).prime(userId, profile);
    return { id: userId };
  }

  @FieldResolver(() => Profile, { nullable: true })
  async profile(@Root() user: User, @Ctx() context: GraphQLContext): Promise<Profile | null> {
    const entity = await context.loaders.profileByUserId.load(user.id);
    return entity ? toProfile(entity) : null;
  }

  /** A User is only ever the caller (Query.me), so this runs once per request. */
  @FieldResolver(() => [Item])
  async items(@Root() user: User): Promise<Item[]> {
    return (await this.services.items.list(user.id)).map(toItem);
  }
}

function toProfile(entity: UserProfileEntity): Profile {
  const address = {
    street: entity.addressStreet,
    city: entity.addressCity,
    region: entity.addressRegion,
    postalCode: entity.addressPostalCode,
    country: entity.addressCountry,
  };
  return {
    legalName: entity.legalName,
    email: entity.email,
    phoneNumber: entity.phoneNumber,
    address: Object.values(address).some((value) => value !== null) ? address : null,
  };
}
