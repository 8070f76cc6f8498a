"""Widgets of the Lan Tỏa app. Text from the store is always shown as text, never as markup."""
