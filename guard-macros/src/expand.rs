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
        if main.ident == "main" && main.has_parameters() {
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
                policy.extend(
                    ids.iter()
                        .map(|id| quote!(.allow(::guard_core::checks::#id))),
                );
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

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::production_safe;

    fn expand(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
        production_safe(args, item).to_string()
    }

    #[test]
    fn expansions() {
        let body = quote!(
            {
                #![allow(unused)]
                println!("body");
                0
            }
        );
        let cases = [
            (
                "no option: the default policy",
                quote!(),
                "fn main () { # ! [allow (unused)] :: guard_core :: __private :: start (:: core :: option :: Option :: None , :: guard_core :: __private :: Startup { quiet : false , exit : false }) ; println ! (\"body\") ; 0 }",
            ),
            (
                "options in the order written, flags in Startup",
                quote!(
                    require("A", "B"),
                    allow(database_host_local),
                    rename(SECRET_KEY = "S"),
                    no_database,
                    no_secret,
                    quiet,
                    exit
                ),
                "fn main () { # ! [allow (unused)] :: guard_core :: __private :: start (:: core :: option :: Option :: Some (:: guard_core :: __private :: PolicyBuilder :: new () . require (\"A\") . require (\"B\") . allow (:: guard_core :: checks :: database_host_local) . rename (:: guard_core :: __private :: variables :: SECRET_KEY , \"S\") . no_database () . no_secret ()) , :: guard_core :: __private :: Startup { quiet : true , exit : true }) ; println ! (\"body\") ; 0 }",
            ),
            (
                "dotenv: one block, loading before the checks",
                quote!(dotenv),
                "fn main () { # ! [allow (unused)] { :: guard_core :: __private :: load (:: guard_core :: __private :: DotenvFile (\".env\")) ; :: guard_core :: __private :: start (:: core :: option :: Option :: None , :: guard_core :: __private :: Startup { quiet : false , exit : false }) ; } println ! (\"body\") ; 0 }",
            ),
        ];
        for (case, args, expected) in cases {
            assert_eq!(expand(args, quote!(fn main() #body)), expected, "{case}");
        }
    }

    #[test]
    fn attributes_and_signature_are_kept() {
        let expanded = expand(
            quote!(),
            quote!(
                #[tokio::main]
                #[allow(dead_code)]
                pub async fn main() -> Result<(), E> {
                    Ok(())
                }
            ),
        );
        assert!(
            expanded.starts_with("# [tokio :: main] # [allow (dead_code)] pub async fn main () -> Result < () , E > {"),
            "{expanded}"
        );
    }

    #[test]
    fn an_error_keeps_the_item_and_adds_one_compile_error() {
        let cases = [
            (
                "not main",
                quote!(),
                quote!(
                    fn start() {}
                ),
            ),
            (
                "not a fn",
                quote!(),
                quote!(
                    struct Config;
                ),
            ),
            (
                "unknown option",
                quote!(quite),
                quote!(
                    fn main() {}
                ),
            ),
        ];
        for (case, args, item) in cases {
            let expanded = expand(args, item.clone());
            assert!(
                expanded.starts_with(&item.to_string()),
                "{case}: {expanded}"
            );
            assert_eq!(
                expanded.matches("compile_error").count(),
                1,
                "{case}: {expanded}"
            );
            assert!(
                !expanded.contains("__private :: start"),
                "{case}: {expanded}"
            );
        }
    }
}
