//! Turns the options into one statement at the top of `main`: a call of
//! guard-core's hidden door, with absolute paths so a user's own
//! `mod guard_core` or shadowed prelude cannot break it.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::{Args, MainFn, OptKind};
use crate::valid;

pub fn production_safe(args: TokenStream, item: TokenStream) -> TokenStream {
    let main: MainFn = match syn::parse2(item.clone()) {
        Ok(main) => main,
        Err(error) => return with_error(item, error),
    };
    let args: Args = match syn::parse2(args) {
        Ok(args) => args,
        Err(error) => return with_error(item, error),
    };
    if let Err(error) = valid::main_fn(&main).and(valid::args(&args)) {
        if main.sig.ident == "main" && main.has_parameters() {
            // rustc would add its own "`main` function has wrong type".
            return with_error(main.without_parameters(), error);
        }
        return with_error(item, error);
    }
    main.with_first_statement(first_statement(&args))
}

/// The original item plus the error, as tokio-macros does: one clear
/// error, and no spurious "`main` function not found".
fn with_error(mut item: TokenStream, error: syn::Error) -> TokenStream {
    item.extend(error.into_compile_error());
    item
}

fn first_statement(args: &Args) -> TokenStream {
    let door = quote!(::guard_core::__private);
    let mut policy = Vec::new();
    let mut quiet = false;
    let mut exit = false;
    let mut dotenv = None;
    for opt in &args.options {
        match &opt.kind {
            OptKind::Require(names) => {
                policy.extend(names.iter().map(|name| quote!(.require(#name))));
            }
            OptKind::Allow(ids) => {
                // A path the compiler resolves, ending in the user's own
                // ident: an unknown id is rustc's error at the user's
                // span, with its "a similar name exists" hint. The path is
                // guard-core's public `checks` module, not the door's
                // re-export, so that error names a module the user can
                // look up.
                policy.extend(ids.iter().map(|id| quote!(.allow(::guard_core::checks::#id))));
            }
            OptKind::Rename(renames) => {
                policy.extend(renames.iter().map(|rename| {
                    let (variable, name) = (&rename.variable, &rename.name);
                    quote!(.rename(#door::variables::#variable, #name))
                }));
            }
            OptKind::NoDatabase => policy.push(quote!(.no_database())),
            OptKind::NoSecret => policy.push(quote!(.no_secret())),
            OptKind::Quiet => quiet = true,
            OptKind::Exit => exit = true,
            OptKind::Dotenv(path) => {
                let path = match path {
                    Some(path) => quote!(#path),
                    None => quote!(".env"),
                };
                dotenv = Some(load_dotenv(&opt.keyword, path));
            }
        }
    }
    let policy = if policy.is_empty() {
        // The default policy: guard-core's cached `validate()`.
        quote!(::core::option::Option::None)
    } else {
        quote!(::core::option::Option::Some(#door::PolicyBuilder::new() #(#policy)*))
    };
    let start = quote! {
        #door::start(#policy, #door::Startup { quiet: #quiet, exit: #exit });
    };
    match dotenv {
        // Still one statement: the block loads the file, then checks.
        Some(load) => quote!({ #load #start }),
        None => start,
    }
}

/// Loading goes through a trait guard-core implements only with its
/// `dotenv` feature, so without it the error is guard-core's own message
/// ("needs guard-core's `dotenv` cargo feature"), spanned on the option.
fn load_dotenv(keyword: &Ident, path: TokenStream) -> TokenStream {
    let span: Span = keyword.span();
    let file = quote_spanned!(span=> ::guard_core::__private::DotenvFile(#path));
    quote! {
        ::guard_core::__private::load(#file);
    }
}
