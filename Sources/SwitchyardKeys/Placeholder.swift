enum KeysPlaceholder {}
