//! Entry point: install the panic screen, then mount the console.

fn main() {
    partner_console::panic::install();
    partner_console::start();
}
