import type { SupabaseClient } from '@supabase/supabase-js';
import type { Claims } from '$lib/server/db/types';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			/** Claims the database layer runs this request's queries with (RLS). */
			claims: Claims;
			/** The verified user, or null for a visitor. */
			user: { id: string; email: string | null } | null;
			/** 'fr' (default) or 'en'. */
			locale: 'fr' | 'en';
			/** Request-scoped Supabase client, only when Supabase is configured. */
			supabase: SupabaseClient | null;
		}
		interface PageData {
			user?: { id: string; email: string | null } | null;
			locale?: 'fr' | 'en';
		}
	}
}

export {};
